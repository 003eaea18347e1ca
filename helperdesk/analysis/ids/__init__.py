"""Processing IDs (BG-Nummer, Kundennummer, Kindergeldnummer, Aktenzeichen …).

- ``extract``: the IDs of a mail or text (``scan_mail``, ``scan_text``);
- ``candidates``: where an ID may stand, and spans that never hold one (IBAN, phone);
- ``patterns``: the shapes and labels of each kind;
- ``checks``: check digits and the canonical form;
- ``search_terms``: an ID typed into search, spelled every way the index holds it.
"""
