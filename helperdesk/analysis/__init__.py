"""Analysis: what a letter means for the household.

- ``analyze``: the whole analysis of a mail or letter (``Analysis``);
- ``agencies`` and ``agency_kinds``: who wrote (sender, letterhead, signature);
- ``letter_types``: Bescheid, Einladung, Aufforderung zur Mitwirkung …;
- ``letter_date``: the date printed on a letter;
- ``ids``: processing IDs to quote back, with check digits;
- ``deadlines``: dates and periods in the text and the law that counts them;
- ``dates_de``, ``regions``: German dates, Bundesländer and their holidays;
- ``multiscan``: many regular expressions over one text in one pass.
"""
