"""Latin names for demo people, as a Libyan passport writes them ("Mohamed Ali Alwarfalli").

About one demo person in ten has one: those who hold a passport or a foreign document. It is
the first name, the father's name and the family name in the spellings Libyan civil registries
use, one of the usual variants of each (Mohamed / Mohammed / Muhammad, Alwarfalli /
Elwarfally), chosen from the person's index, so the same seed gives the same names and the
demo's random stream is not disturbed. Only people whose three names are all listed here get
one: a name is never transliterated letter by letter.
"""

from __future__ import annotations

import re

# The share of people whose names are all listed that get a Latin name, in thousandths: about
# a quarter of people have all three listed (the demo's most common names), so 11 % overall.
_PER_MILLE = 430

# fmt: off
_GIVEN: dict[str, tuple[str, ...]] = {
    "محمد": ("Mohamed", "Mohammed", "Muhammad"), "أحمد": ("Ahmed", "Ahmad"), "علي": ("Ali",),
    "عبد الله": ("Abdalla", "Abdullah", "Abdulla"), "عمر": ("Omar", "Omer"),
    "مصطفى": ("Mustafa", "Mostafa"), "إبراهيم": ("Ibrahim", "Ebrahim"),
    "خالد": ("Khaled", "Khalid"),
    "عبد الرحمن": ("Abdulrahman", "Abdelrahman"), "سالم": ("Salem", "Salim"),
    "يوسف": ("Yousef", "Youssef", "Yusuf"), "حسن": ("Hassan", "Hasan"),
    "محمود": ("Mahmoud", "Mahmud"), "عبد السلام": ("Abdulsalam", "Abdelsalam", "Abdussalam"),
    "مفتاح": ("Muftah", "Meftah"), "صالح": ("Saleh", "Salih"), "حسين": ("Hussein", "Husain"),
    "عبد الحميد": ("Abdulhamid", "Abdelhamid"), "الهادي": ("Alhadi", "Elhadi"),
    "ميلاد": ("Milad",), "رمضان": ("Ramadan", "Ramdan"), "فرج": ("Faraj", "Farag"),
    "جمعة": ("Juma", "Jumaa", "Gomaa"), "عبد الرزاق": ("Abdulrazag", "Abdelrazik"),
    "عبد الكريم": ("Abdulkarim", "Abdelkarim"), "عبد العزيز": ("Abdulaziz", "Abdelaziz"),
    "إسماعيل": ("Ismail", "Esmail"), "موسى": ("Musa", "Mousa"), "عيسى": ("Issa", "Eisa"),
    "يحيى": ("Yahya", "Yehia"), "سليمان": ("Suleiman", "Sulaiman"),
    "المهدي": ("Almahdi", "Elmahdi"),
    "الطاهر": ("Altaher", "Eltaher"), "الصادق": ("Alsadek", "Elsadig"),
    "البشير": ("Albashir", "Elbashir"), "المبروك": ("Almabrouk", "Elmabrouk"),
    "طارق": ("Tarek", "Tariq"), "عادل": ("Adel", "Adil"), "أسامة": ("Osama", "Usama"),
    "وليد": ("Walid", "Waleed"), "هشام": ("Hisham", "Hesham"), "نوري": ("Nouri", "Nuri"),
    "ناصر": ("Naser", "Nasser"), "فتحي": ("Fathi", "Fathy"), "أبو بكر": ("Abubaker", "Abubakr"),
    "بوبكر": ("Boubaker",), "إدريس": ("Idris", "Edrees"), "امحمد": ("Amhamed",),
    "فاطمة": ("Fatima", "Fatma"), "عائشة": ("Aisha", "Aicha", "Aysha"),
    "خديجة": ("Khadija", "Khadeja"), "مريم": ("Mariam", "Maryam"), "زينب": ("Zainab", "Zeinab"),
    "آمنة": ("Amna", "Amina"), "سالمة": ("Salma", "Salema"), "حليمة": ("Halima",),
    "نجاة": ("Najat", "Nagat"), "سعاد": ("Suad", "Souad"), "نعيمة": ("Naima", "Naeima"),
    "نادية": ("Nadia", "Nadiya"), "هدى": ("Huda", "Hoda"), "أسماء": ("Asma", "Asmaa"),
    "إيمان": ("Iman", "Eman"), "مبروكة": ("Mabrouka", "Mabruka"), "عيشة": ("Aisha", "Eisha"),
    "حواء": ("Hawa", "Hawwa"), "نورية": ("Nouria", "Nuriya"), "سارة": ("Sara", "Sarah"),
    "هند": ("Hind", "Hend"), "هالة": ("Hala",), "هناء": ("Hanaa", "Hana"),
    "حنان": ("Hanan",), "حياة": ("Hayat",), "حميدة": ("Hamida", "Hameeda"), "حفصة": ("Hafsa",),
    "آمال": ("Amal",), "أمل": ("Amal",), "أمينة": ("Amina", "Ameena"), "ابتسام": ("Ibtisam",),
    "انتصار": ("Intisar", "Entesar"),
}

_FAMILY: dict[str, tuple[str, ...]] = {
    "الورفلي": ("Alwarfalli", "Elwarfally", "Al-Warfalli"), "المصراتي": ("Almisrati", "Elmesrati"),
    "الترهوني": ("Altarhouni", "Eltarhuni"), "الزوي": ("Alzwai", "Elzway"),
    "المقريف": ("Almagariaf", "Elmegrif"), "السنوسي": ("Alsenussi", "Elsenussi"),
    "الغرياني": ("Algharyani", "Elghariani"), "الككلي": ("Alkikli", "Elkekli"),
    "بوسهمين": ("Busahmain", "Bousahmein"), "بن حليم": ("Ben Halim", "Bin Halim"),
    "المجبري": ("Almajbri", "Elmagbri"), "العبيدي": ("Alobeidi", "Elobeidi"),
    "البرعصي": ("Albarassi", "Elbaraasi"), "الدرسي": ("Aldorsi", "Eldersi"),
    "العقوري": ("Alagouri", "Elagouri"), "الفاخري": ("Alfakhri", "Elfakhry"),
    "المغربي": ("Almaghrebi", "Elmaghrabi"), "الطرابلسي": ("Altarabulsi", "Eltrabelsi"),
    "البنغازي": ("Albenghazi", "Elbenghazi"), "الزنتاني": ("Alzintani", "Elzentani"),
    "الزليتني": ("Alzliteni", "Elzleitni"), "الشريف": ("Alsharif", "Elsherif"),
    "القماطي": ("Algamati", "Elgammati"), "الكيلاني": ("Alkilani", "Elkeilani"),
    "الباروني": ("Albarouni", "Elbaruni"), "السويحلي": ("Alsuwayhli", "Elswehli"),
    "المنتصر": ("Almuntasser", "Elmontaser"), "القرقني": ("Algargani", "Elgergeni"),
    "الفيتوري": ("Alfitouri", "Elfeitouri"), "بن غلبون": ("Ben Ghalbon", "Bin Ghalboun"),
    "الحاسي": ("Alhasi", "Elhassi"), "المسماري": ("Almismari", "Elmesmari"),
    "العريبي": ("Aloraibi", "Elerebi"), "الفرجاني": ("Alfarjani", "Elfergani"),
    "المقرحي": ("Almegrahi", "Elmagrahi"), "الحداد": ("Alhaddad", "Elhaddad"),
    "النجار": ("Alnajjar", "Elnaggar"), "الخياط": ("Alkhayat", "Elkhayyat"),
    "الصيد": ("Alsaid", "Elsaied"), "الجهاني": ("Aljehani", "Elgehani"),
    "الشاعري": ("Alshaeri", "Elshaari"), "المنفي": ("Almanfi", "Elmenfi"),
    "الدباشي": ("Aldabbashi", "Eldebashi"), "الشلوي": ("Alshilwi", "Elshelwi"),
    "الأوجلي": ("Alawjali", "Elaugeli"), "الجالوي": ("Aljalawi", "Elgalawi"),
    "الكوافي": ("Alkawafi", "Elkouafi"), "المهدوي": ("Almahdawi", "Elmahdawi"),
}
# fmt: on

_MARKS = re.compile("[\u064b-\u0652\u0670\u0640 ]")


def _key(name: str) -> str:
    """The name as the demo's spelling variants all write it (أحمد/احمد, عبد الله/عبدالله)."""
    text = _MARKS.sub("", name)
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ة", "ه"), ("ى", "ي")):
        text = text.replace(a, b)
    return text


_BY_KEY_GIVEN = {_key(k): v for k, v in _GIVEN.items()}
_BY_KEY_FAMILY = {_key(k): v for k, v in _FAMILY.items()}


def _mix(seed: int, index: int, salt: int) -> int:
    """A well-spread number from the person's index (no RNG state is used)."""
    x = (index * 0x9E3779B1 + seed * 0x85EBCA77 + salt * 0xC2B2AE3D) & 0xFFFFFFFF
    x ^= x >> 15
    x = (x * 0x2C1B3C6D) & 0xFFFFFFFF
    x ^= x >> 12
    return x


def latin_name(seed: int, index: int, first: str, father: str, family: str) -> str:
    """Person `index`'s Latin name, or "" (most people have none)."""
    if _mix(seed, index, 0) % 1000 >= _PER_MILLE:
        return ""
    spellings = (
        _BY_KEY_GIVEN.get(_key(first)),
        _BY_KEY_GIVEN.get(_key(father)),
        _BY_KEY_FAMILY.get(_key(family)),
    )
    words: list[str] = []
    for salt, choices in enumerate(spellings, 1):
        if choices is None:
            return ""
        words.append(choices[_mix(seed, index, salt) % len(choices)])
    return " ".join(words)
