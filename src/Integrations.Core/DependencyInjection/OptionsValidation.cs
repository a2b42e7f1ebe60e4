namespace Integrations;

/// <summary>Why the validation attributes of the library's options are safe to trim.</summary>
internal static class OptionsValidation
{
    /// <summary>
    /// <c>[Range(typeof(TimeSpan), ...)]</c> is read only by the source-generated options validators, which parse the
    /// bounds with their own code and never through a type converter; the library never validates options by reflection.
    /// </summary>
    public const string TimeSpanRange =
        "The attribute is read only by the source-generated options validator, which parses the TimeSpan bounds itself, not through a TypeConverter.";
}
