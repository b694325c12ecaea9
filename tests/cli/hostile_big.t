# A 100 MB draft on a single line (issue 7): linted in linear time, with
# one warning for the over-long sentence, never a crash or a hang.
$ python3 -c "import sys; sys.stdout.write('量化' * (100 * 1024 * 1024 // 6))" > big.txt && qexplain lint big.txt | tail -1
> 0 errors, 1 warning

# Past the 256 MiB input limit: one line, exit 3, nothing linted
$ truncate -s 300M huge.txt && qexplain lint huge.txt
? 3
!~ huge.txt: error: file is larger than the limit of 268435456 bytes
