-- ScriptBatcherTest's script: counts its calls in KEYS[1] and echoes ARGV[1].
redis.call('INCR', KEYS[1])
return ARGV[1]
