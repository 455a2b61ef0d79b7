"""The figures of bench/ratios.py: each module measures one path of the program and its floor
(the same work done with the bare library) in the same run, interleaved A, B, A, B…"""
