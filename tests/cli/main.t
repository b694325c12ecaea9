# The command table, --help, --version and usage errors.
$ qexplain --version
^ ^qexplain \d+\.\d+\.\d+$

$ qexplain --help
~ usage: qexplain [--data-dir DIR]
~ generate
~ exit codes: 0 ok, 1 findings, 2 usage, 3 invalid input, 4 I/O error, 70 internal error

$ qexplain
? 2
!~ usage: qexplain

$ qexplain frobnicate
? 2
! qexplain: error: 'frobnicate' is not a qexplain command. See 'qexplain --help'.

$ qexplain --bogus
? 2
!~ unknown option '--bogus'

$ qexplain --data-dir
? 2
!~ option '--data-dir' requires a value

$ qexplain --version > /dev/full
? 4
!~ cannot write to standard output
