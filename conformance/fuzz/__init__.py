"""Differential fuzzing: the same generated app and requests on two targets.

A fuzz *case* is data (a JSON-able dict): an app description (rules, blueprints,
hooks, error handlers, views) and a list of requests. ``source`` turns the app
description into Python code that builds the app through the target API only;
``execute`` runs that code and the requests on a target and records what it
observes; ``compare`` lists the differences between two observations;
``strategies`` draws cases with Hypothesis, which also shrinks a diverging case;
``engine`` drives a run; ``corpus`` saves, replays and promotes diverging cases.

Because a case is data and its app is code generated from it, a divergence
prints as a runnable reproduction and replays exactly from its JSON file.
"""
