using System.Buffers;

namespace Integrations.OAuth.Parameters;

/// <summary>
/// A buffer reused from request to request: it owns an array of at most <see cref="KeptLength"/> elements that
/// grows as needed and stays; a larger need is met with an array rented from <see cref="ArrayPool{T}.Shared"/> for
/// the current request only (given back by <see cref="Release"/>), so one large request neither keeps memory nor
/// makes the next requests allocate again. A rented array is cleared before it goes back: it held a request's
/// parameters (tokens among them), and the shared pool serves any code in the process. Not thread-safe (one request
/// at a time).
/// </summary>
internal sealed class ReusableBuffer<T>(int initialLength)
{
    /// <summary>The longest array kept between requests.</summary>
    public const int KeptLength = 16 * 1024;

    private T[] _kept = new T[initialLength];
    private T[]? _rented;

    /// <summary>The current array (valid until the next <see cref="Ensure"/> or <see cref="Release"/>).</summary>
    public T[] Array => _rented ?? _kept;

    /// <summary>Makes the array hold at least <paramref name="length"/> elements, keeping the first <paramref name="preserved"/>.</summary>
    public T[] Ensure(int length, int preserved = 0)
    {
        var current = Array;
        if (current.Length >= length)
        {
            return current;
        }

        T[] grown;
        if (length <= KeptLength)
        {
            grown = _kept = new T[Math.Min(Math.Max(_kept.Length * 2, length), KeptLength)];
        }
        else
        {
            grown = ArrayPool<T>.Shared.Rent(length);
        }

        current.AsSpan(0, preserved).CopyTo(grown);
        if (_rented is not null && !ReferenceEquals(grown, _rented))
        {
            ArrayPool<T>.Shared.Return(_rented, clearArray: true);
        }

        _rented = length <= KeptLength ? null : grown;
        return grown;
    }

    /// <summary>Gives a rented array back to the pool; the kept array serves the next request.</summary>
    public void Release()
    {
        if (_rented is { } rented)
        {
            _rented = null;
            ArrayPool<T>.Shared.Return(rented, clearArray: true);
        }
    }
}
