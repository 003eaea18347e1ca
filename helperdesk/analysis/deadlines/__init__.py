"""Deadlines: dates and periods in a letter, counted by German law.

- ``extract``: the deadlines of a text with their explanation (``extract_deadlines``);
- ``cues``: the phrases that announce a date, a period or an appointment;
- ``text``: segmentation of a letter into the parts that count (no quotes, no headers);
- ``periods``: the law of periods (Bekanntgabe, §§ 187/188/193 BGB, § 26 SGB X,
  § 108 AO, § 222 ZPO) and public holidays per Bundesland.
"""
