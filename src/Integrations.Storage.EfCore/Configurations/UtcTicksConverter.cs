using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Integrations.Storage.EfCore.Configurations;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as its UTC ticks in a 64-bit integer: exact, compared and ordered the same
/// way by every provider (SQLite cannot order or compare <see cref="DateTimeOffset"/> columns).
/// </summary>
internal sealed class UtcTicksConverter : ValueConverter<DateTimeOffset, long>
{
    public static readonly UtcTicksConverter Instance = new();

    private UtcTicksConverter()
        : base(value => value.UtcTicks, ticks => new DateTimeOffset(ticks, TimeSpan.Zero))
    {
    }
}
