"""Mail: reading what arrives, without judging it.

- ``parse``: RFC 5322 bytes to a ``ParsedMail`` (headers, text from plain or
  sanitised HTML, quotes, attachments), never raising on broken MIME;
- ``htmlsafe``: linear-time limits checked before nh3 and the MIME parser;
- ``filenames``: safe attachment names and extension/type mismatches;
- ``pdftext``: the text layer of PDF letters;
- ``pdfrender``: PDF pages as pixels (called only in the sandbox);
- ``threads``: conversation threads by Message-ID, In-Reply-To, References.
"""
