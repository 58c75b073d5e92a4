"""Names a Libyan calls different: normalization and search keys must never fold one pair into
one key (issue 13). For the normalization property tests: `key(a) != key(b)` for every pair.

Each pair sits next to a rule that could merge it if written carelessly (hamza, ال, أبو/بو,
بن/بل, ة, ى, الدين and عبد compounds, dropped final ء); a typo-tolerant tier may still *find*
one from the other, ranked below exact matches, but the keys stay apart.
"""

from __future__ import annotations

MUST_STAY_APART: tuple[tuple[str, str], ...] = (
    # The article is part of these names: never strip it down to another name.
    ("إلياس", "ياسين"),
    ("إلياس", "ياسر"),
    ("إلهام", "هيام"),
    ("آلاء", "علاء"),
    ("ألفت", "لفتة"),
    # A prefix that is not a kunya or a "son of": the rest is another name.
    ("أبو بكر", "بكر"),
    ("أبو زيد", "زيد"),
    ("بوزيد", "زيد"),
    ("بلقاسم", "قاسم"),
    ("بالحاج", "الحاج"),
    ("بن علي", "علي"),
    ("عبد الله", "عبد الإله"),
    ("عبد الرحمن", "عبد الرحيم"),
    ("نور الدين", "نور"),
    # Hamza on waw, yeh or alef, and a final ء: different names, not spellings.
    ("مؤمن", "مأمون"),
    ("أسماء", "سما"),
    ("أمينة", "آمنة"),
    ("أمل", "آمال"),
    ("إيمان", "أيمن"),
    ("رائد", "رشيد"),
    # ة and ى mark the sex: a man's name and a woman's.
    ("سالم", "سالمة"),
    ("مبروك", "مبروكة"),
    ("كريم", "كريمة"),
    ("عزيز", "عزيزة"),
    ("جميل", "جميلة"),
    ("سعيد", "سعيدة"),
    ("حليم", "حليمة"),
    ("نبيل", "نبيلة"),
    ("هدى", "هادي"),
    # One letter apart, and different names.
    ("محمد", "محمود"),
    ("أحمد", "حامد"),
    ("حامد", "حمد"),
    ("سالم", "سليم"),
    ("علي", "عالية"),
    ("علي", "علياء"),
    ("حسن", "حسين"),
    ("عمر", "عمرو"),
    ("يوسف", "يونس"),
    ("حنان", "حنين"),
    ("نادية", "ناجية"),
    ("طه", "طاهر"),
    ("رشا", "رشاد"),
    ("سالمة", "سليمة"),
    # Families one letter apart.
    ("الزاوي", "الزوي"),
    ("المصراتي", "المصري"),
    ("الككلي", "الكيلاني"),
)
