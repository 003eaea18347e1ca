"""Use cases: what the CLI and the app both do, written once, free of Qt.

- ``ingest``: one path for file import, drops in the app, the demo and sync;
- ``batch``: preparing mails and letters in the parsing sandbox;
- ``sandbox`` / ``sandbox_worker`` / ``untrusted``: the locked-in worker processes
  that read bytes from strangers, and the work they do;
- ``viewing``: a mail's HTML and a PDF's pages for the app, made in the sandbox;
- ``integrity``: is the store sound (quick at unlock, weekly, ``verify``, before a backup);
- ``ocr``: paper letters read by Tesseract in a sandboxed worker (``ocr.engine``), letters
  from PDFs and photos (``ocr.letters``), the stored backlog that needs OCR (``ocr.backlog``);
- ``mail_sync``: IMAP sync of an account into the store;
- ``triage``: filing a mail (and its thread) to a household and case;
- ``deadline_actions``: accept, done, dismiss, move;
- ``waiting``: the letters that wait for an answer;
- ``reminders``: what to remind of today;
- ``demo``: a throwaway store with the sample households;
- ``passphrase``: how strong a new store passphrase must be;
- ``restore``: a store from a backup file, checked before it is put in place.
"""
