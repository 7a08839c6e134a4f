namespace Answerback.SocialAudit;

/// <summary>
/// Pairs of small non-negative numbers (two account ranks, or a post and an account) packed into one
/// <see cref="ulong"/>, appended as they are found, then radix-sorted so that equal pairs stand together: a run's
/// length is the pair's count. This replaces summing in a <c>Dictionary&lt;long, int&gt;</c>, whose
/// <c>long.GetHashCode()</c> is <c>hi ^ lo</c>: with (a, b) keys and 2,000 accounts that is 2,048 distinct hash
/// codes for a million keys. Appending is a store; the sort is a few linear passes; pairs come out in order.
/// </summary>
internal sealed class PackedPairs
{
    private readonly int _lowBits;
    private ulong[] _items = new ulong[1024];
    private int _count;
    private bool _sorted = true;

    /// <param name="highCount">Numbers in the first place are below this.</param>
    /// <param name="lowCount">Numbers in the second place are below this.</param>
    public PackedPairs(int highCount, int lowCount)
    {
        _lowBits = BitsFor(lowCount);
        TotalBits = _lowBits + BitsFor(highCount);
    }

    public int Count => _count;

    private int TotalBits { get; }

    public void Add(int high, int low)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[_count++] = ((ulong)(uint)high << _lowBits) | (uint)low;
        _sorted = false;
    }

    /// <summary>Calls <paramref name="run"/> once per distinct pair, in ascending (high, low) order, with its count.</summary>
    public void ForEachRun(Action<int, int, int> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Sort();
        var mask = (1UL << _lowBits) - 1;
        var i = 0;
        while (i < _count)
        {
            var key = _items[i];
            var end = i + 1;
            while (end < _count && _items[end] == key)
            {
                end++;
            }

            run((int)(key >> _lowBits), (int)(key & mask), end - i);
            i = end;
        }
    }

    private void Sort()
    {
        if (_sorted)
        {
            return;
        }

        RadixSort(_items.AsSpan(0, _count), TotalBits);
        _sorted = true;
    }

    /// <summary>LSD radix sort of keys below 2^bits, in passes of at most 11 bits; a pass whose digit is constant is skipped.</summary>
    internal static void RadixSort(Span<ulong> keys, int bits)
    {
        if (keys.Length < 2048)
        {
            keys.Sort();
            return;
        }

        var passes = Math.Max(1, (bits + 10) / 11);
        var digitBits = (bits + passes - 1) / passes;
        var buckets = 1 << digitBits;
        var mask = (ulong)(buckets - 1);
        var buffer = new ulong[keys.Length];
        Span<ulong> from = keys;
        Span<ulong> to = buffer;
        var offsets = new int[buckets];
        for (var pass = 0; pass < passes; pass++)
        {
            var shift = pass * digitBits;
            Array.Clear(offsets);
            foreach (var k in from)
            {
                offsets[(int)((k >> shift) & mask)]++;
            }

            if (offsets[(int)((from[0] >> shift) & mask)] == from.Length)
            {
                continue;
            }

            var sum = 0;
            for (var d = 0; d < buckets; d++)
            {
                var c = offsets[d];
                offsets[d] = sum;
                sum += c;
            }

            foreach (var k in from)
            {
                to[offsets[(int)((k >> shift) & mask)]++] = k;
            }

            var swap = from;
            from = to;
            to = swap;
        }

        if (from != keys)
        {
            from.CopyTo(keys);
        }
    }

    private static int BitsFor(int count) => count <= 1 ? 1 : 32 - int.LeadingZeroCount(count - 1);
}

/// <summary>
/// A set of packed (post, account) pairs for co-similar, which must ask "already matched?" during the search to
/// skip repeated Jaccard checks. Open addressing with linear probing and a SplitMix64 hash of the whole key, so
/// (post, account) keys do not fall into the <c>hi ^ lo</c> chains of <c>HashSet&lt;long&gt;</c>; 8 bytes a slot.
/// </summary>
internal sealed class PackedSet
{
    // Slots hold key + 1, so 0 marks an empty slot (keys are post << 32 | account, far below ulong.MaxValue).
    private ulong[] _slots = new ulong[1024];
    private int _count;

    public int Count => _count;

    public static ulong Key(int post, int account) => ((ulong)(uint)post << 32) | (uint)account;

    public bool Contains(ulong key)
    {
        var mask = _slots.Length - 1;
        var stored = key + 1;
        for (var i = (int)(TextNormaliser.Mix(key) & (ulong)mask); ; i = (i + 1) & mask)
        {
            var s = _slots[i];
            if (s == stored)
            {
                return true;
            }

            if (s == 0)
            {
                return false;
            }
        }
    }

    public bool Add(ulong key)
    {
        if ((_count + 1) * 2 > _slots.Length)
        {
            Grow();
        }

        if (!Insert(_slots, key + 1))
        {
            return false;
        }

        _count++;
        return true;
    }

    /// <summary>The keys, in no particular order.</summary>
    public IEnumerable<ulong> Keys()
    {
        foreach (var s in _slots)
        {
            if (s != 0)
            {
                yield return s - 1;
            }
        }
    }

    private static bool Insert(ulong[] slots, ulong stored)
    {
        var mask = slots.Length - 1;
        for (var i = (int)(TextNormaliser.Mix(stored - 1) & (ulong)mask); ; i = (i + 1) & mask)
        {
            var s = slots[i];
            if (s == stored)
            {
                return false;
            }

            if (s == 0)
            {
                slots[i] = stored;
                return true;
            }
        }
    }

    private void Grow()
    {
        var bigger = new ulong[_slots.Length * 2];
        foreach (var s in _slots)
        {
            if (s != 0)
            {
                Insert(bigger, s);
            }
        }

        _slots = bigger;
    }
}
