"""Links between this graph and other public data (issue 5; see docs/linking.md).

* :mod:`vietgov.linking.iso3166`: ISO 3166-2:VN codes of provinces and cities;
* :mod:`vietgov.linking.link_table`: the reviewed link table ``mappings/links.csv``;
* :mod:`vietgov.linking.reconcile`: candidate links found at a SPARQL endpoint (Wikidata);
* :mod:`vietgov.linking.publish`: the reviewed links as reference statements;
* :mod:`vietgov.linking.cli`: the ``vietgov link`` command.
"""
