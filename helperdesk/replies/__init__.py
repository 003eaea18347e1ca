"""Replies to agencies: build them, recognise forwards, check drafts (pure, no I/O).

- ``compose``: a reply to an agency letter (recipient, thread headers, subject with
  the case's processing ID, reference block, signature, quoted letter);
- ``templates``: German texts for the common answers (documents enclosed,
  Fristverlängerung, Akteneinsicht, appointments, Widerspruch);
- ``forwards``: is a mail a forward, and the agency's original recovered from it
  (inline as Thunderbird, Outlook, Gmail and Apple Mail write it, or attached);
- ``checks``: the problems of a draft (``forwarded``, ``missing_id``, ``wrong_id``,
  ``not_in_thread``, ``wrong_recipient``, ``attachment_missing``) with advice;
- ``mime``: the RFC 5322 bytes of a draft (UTF-8, RFC 2231 file names);
- ``names``: the German names of processing IDs and subject prefixes.
"""
