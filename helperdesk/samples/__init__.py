"""Fictional sample data: demo households, agency mail and PDF letters for demo and benchmarks.

- ``sample_data``: households, agencies, their mail and bulk mails (seeded, deterministic);
- ``pdfmake``: plain letter text rendered to a real PDF;
- ``hostile``: pathological mails and PDFs generated in code (tests, hostile_bench).
"""
