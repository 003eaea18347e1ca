"""Intake: raw input (mail bytes, a PDF letter) turned into a ``Message`` with its analysis.

Pure: ``prepare.prepare_mail`` and ``prepare.prepare_paper`` parse, read
attachment text and analyse, off any store, so many can run in worker
processes; ``Prepared`` carries the result and ``content_hash`` the identity.
``prepare.prepare_photos`` makes one letter of page images with the text OCR
read; ``scan`` holds the pure decisions around OCR (file kinds, orientation
reports, skew, Tesseract's TSV as text, repairs of OCR confusions).
"""
