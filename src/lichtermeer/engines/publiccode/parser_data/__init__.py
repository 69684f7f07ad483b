"""Data files parser-go embeds (iPA codes, oEmbed URL patterns); a package so setuptools ships them."""
