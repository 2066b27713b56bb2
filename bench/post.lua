-- A small Messages API POST, as Claude Code sends many of.
wrk.method = "POST"
wrk.path = "/v1/messages"
wrk.body = '{"model":"claude-haiku-4-5","max_tokens":16,"messages":[{"role":"user","content":"ping"}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["anthropic-version"] = "2023-06-01"
wrk.headers["x-api-key"] = "bench-token"
