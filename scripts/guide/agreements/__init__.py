"""The agreements: from an agreement of the content to the files a network prints, signs or adapts.

``document`` turns an agreement of the model into a document (numbered sections of clauses, blanks
filled in or left to fill); ``variants`` names the languages a file is in (one, or two side by side);
``printing`` makes a document's printable HTML, ``pdf`` and ``docx`` its files, ``rendering`` renders
many at once and ``cache`` keeps them; ``site_files`` says which files the site offers, makes them and
lists them for each agreement's page. ``make agreement`` fills one in: ``data_file`` reads a network's
data file, ``prefill`` checks it against the agreement and renders it, ``atomic_write`` writes the
result whole or not at all.
"""
