"""OCR of paper letters: a sandboxed Tesseract worker and the use cases around it.

- ``engine``: starts one worker process per letter (clean environment, no key,
  memory and CPU limits, a timeout per page, cancel, progress) and says whether
  Tesseract and its language data are installed (``status``);
- ``worker``: the code that runs inside that process (decode, orientation,
  deskew, light, Tesseract through pipes).
"""
