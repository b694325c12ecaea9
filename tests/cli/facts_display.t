# facts check: a display form left behind after its value was corrected is
# an error at the value's position (the composer prints displays).
$ cp -r "$SRC/facts" f2 && python3 "$SRC/tests/tools/setfact.py" f2 qwen-inference-speed-memory int4_memory 8.2 && qexplain facts check --dir f2
? 3
!^ ^f2/speed.json:\d+:\d+: error: display '8.21吉字节' of 'qwen-inference-speed-memory.int4_memory' does not say its value 8.2 \[facts.display\]$
!~ facts check: 1 error

# The display corrected too: clean again
$ sed -i 's/"display": "8.21吉字节"/"display": "8.2吉字节"/' f2/speed.json && qexplain facts check --dir f2
~ no problems
