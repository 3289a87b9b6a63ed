"""Data tables of textfix, shipped in the wheel as ``textfix.tables``.

Each ``*.tsv`` file begins with ``#`` lines that name its source and licence;
``tables/README.md`` lists them and the ``build_*.py`` script that makes each.
"""
