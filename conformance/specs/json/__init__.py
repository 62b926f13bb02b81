"""JSON serialisation: providers, flask.json functions, jsonify and tojson."""
