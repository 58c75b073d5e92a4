"""Printed forms in correct Arabic: reportlab + arabic-reshaper + python-bidi, Amiri embedded."""
