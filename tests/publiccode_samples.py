"""Small, valid publiccode.yml texts shared by tests."""

MINIMAL = """\
publiccodeYmlVersion: "0"
name: Medusa
url: "https://example.com/italia/medusa.git"
platforms:
  - web
developmentStatus: development
softwareType: "standalone/desktop"
description:
  en:
    shortDescription: A rather short description which is probably useless
    longDescription: >
      Very long description of this software, also split on multiple rows. You should note what the software
      is and why one should need it. We can potentially have many pages of text here.
    features:
      - Just one feature
legal:
  license: AGPL-3.0-or-later
maintenance:
  type: "community"
  contacts:
    - name: Francesco Rossi
localisation:
  localisationReady: true
  availableLanguages:
    - en
"""
