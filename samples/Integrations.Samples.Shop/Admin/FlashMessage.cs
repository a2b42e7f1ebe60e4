namespace Integrations.Samples.Shop.Admin;

/// <summary>A message shown once at the top of the admin grid after an action (Magento's admin messages).</summary>
/// <param name="Kind"><c>success</c>, <c>notice</c> or <c>error</c>.</param>
/// <param name="Text">The message.</param>
public sealed record FlashMessage(string Kind, string Text)
{
    public static FlashMessage Success(string text) => new("success", text);

    public static FlashMessage Notice(string text) => new("notice", text);

    public static FlashMessage Error(string text) => new("error", text);
}
