-- wrk-fcgi.lua - wrk script for the search page (tests/t3050-cgi-load.sh,
-- bench/bench-fcgi.sh).  Requests go round the paths of the file named by
-- KB_LOAD_PATHS (one a line, e.g. /search/?q=%E8%B5%B7...), each thread
-- from its own place in the list.  Every response is checked: a status
-- other than 2xx, or a body that is not a whole page (from <!DOCTYPE html>
-- to </html>), is counted.  done() prints "KEY VALUE" lines on stdout.

local paths = {}
local next_path = 0
local threads = {}
-- globals: done() reads them from each thread with thread:get()
responses = 0
non2xx = 0
incomplete = 0
thread_no = 0

function setup(thread)
	thread_no = thread_no + 1
	thread:set("thread_no", thread_no)
	table.insert(threads, thread)
end

function init(args)
	local name = os.getenv("KB_LOAD_PATHS")
	local f = assert(io.open(name, "r"), "cannot open KB_LOAD_PATHS")
	for line in f:lines() do
		if line ~= "" then
			table.insert(paths, line)
		end
	end
	f:close()
	assert(#paths > 0, "no path in KB_LOAD_PATHS")
	-- spread the threads over the list
	next_path = ((thread_no or 1) - 1) * math.floor(#paths / 2)
end

function request()
	next_path = next_path % #paths + 1
	return wrk.format("GET", paths[next_path])
end

function response(status, headers, body)
	responses = responses + 1
	if status < 200 or status > 299 then
		non2xx = non2xx + 1
	elseif body:sub(1, 15) ~= "<!DOCTYPE html>" or
	    body:sub(-8) ~= "</html>\n" then
		incomplete = incomplete + 1
	end
end

function done(summary, latency, requests)
	local r, n, inc = 0, 0, 0
	for _, t in ipairs(threads) do
		r = r + t:get("responses")
		n = n + t:get("non2xx")
		inc = inc + t:get("incomplete")
	end
	local e = summary.errors
	local secs = summary.duration / 1e6
	io.write(string.format("requests %d\n", summary.requests))
	io.write(string.format("responses_checked %d\n", r))
	io.write(string.format("seconds %.2f\n", secs))
	io.write(string.format("rps %.1f\n", summary.requests / secs))
	io.write(string.format("p50_ms %.2f\n", latency:percentile(50) / 1000))
	io.write(string.format("p90_ms %.2f\n", latency:percentile(90) / 1000))
	io.write(string.format("p99_ms %.2f\n", latency:percentile(99) / 1000))
	io.write(string.format("max_ms %.2f\n", latency.max / 1000))
	io.write(string.format("socket_errors %d\n",
		e.connect + e.read + e.write + e.timeout))
	io.write(string.format("non2xx %d\n", n))
	io.write(string.format("incomplete %d\n", inc))
end
