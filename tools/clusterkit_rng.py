"""clusterkit's generator, io.github.clusterkit.internal.Rng, ported for the reference scripts that must draw exactly what
the library draws (seeded starts, batches, reference sets, resamples).

SplitMix64 (Steele, Lea and Flood 2014, doi:10.1145/2660193.2660195) with Lemire's bounded integers
(doi:10.1145/3230636) and 53-bit doubles; split(seed, stream) derives an independent stream as Rng.split does.
Imported by tools/kmedoids_reference.py, gmm_init_reference.py, minibatch_kmeans_reference.py, gap_reference.py and
stability_reference.py (they run with tools/ first on sys.path, as `python3 tools/<script>.py` gives).
"""

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


class Rng:
    def __init__(self, seed):
        self.state = seed & MASK

    def next_long(self):
        self.state = (self.state + GOLDEN) & MASK
        return mix(self.state)

    def next_double(self):
        return (self.next_long() >> 11) * 2.0 ** -53

    def next_int(self, bound):
        m = (self.next_long() >> 32) * bound
        low = m & 0xFFFFFFFF
        if low < bound:
            t = ((1 << 32) - bound) % bound
            while low < t:
                m = (self.next_long() >> 32) * bound
                low = m & 0xFFFFFFFF
        return m >> 32

    @staticmethod
    def split(seed, stream):
        return Rng(mix((seed & MASK) ^ mix((stream * GOLDEN + 0x632BE59BD9B4E019) & MASK)))
