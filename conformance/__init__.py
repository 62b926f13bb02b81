"""flask-conformance: a behavioural specification of Flask and the harness that runs it.

The specs live in ``conformance/specs/<area>/``; the pytest plugin
(:mod:`conformance.plugin`) runs them against targets (:mod:`conformance.targets`);
the ``conformance`` command (:mod:`conformance.cli`) runs, compares and reports.
"""

__version__ = "0.1.0"
