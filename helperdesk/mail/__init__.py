"""Mail: reading what arrives, without judging it.

- ``parse``: RFC 5322 bytes to a ``ParsedMail`` (headers, text from plain or
  sanitised HTML, quotes, attachments), never raising on broken MIME;
- ``pdftext``: the text layer of PDF letters;
- ``threads``: conversation threads by Message-ID, In-Reply-To, References.
"""
