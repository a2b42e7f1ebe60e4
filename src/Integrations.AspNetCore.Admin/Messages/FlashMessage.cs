namespace Integrations.AspNetCore.Admin.Messages;

/// <summary>A message shown once at the top of an admin page after an action (Magento's admin messages).</summary>
/// <param name="Kind"><c>success</c>, <c>notice</c> or <c>error</c>.</param>
/// <param name="Text">The message.</param>
public sealed record FlashMessage(string Kind, string Text)
{
    /// <summary>A message saying an action succeeded.</summary>
    /// <param name="text">The message.</param>
    /// <returns>The message.</returns>
    public static FlashMessage Success(string text) => new("success", text);

    /// <summary>A message saying what happens next.</summary>
    /// <param name="text">The message.</param>
    /// <returns>The message.</returns>
    public static FlashMessage Notice(string text) => new("notice", text);

    /// <summary>A message saying an action failed.</summary>
    /// <param name="text">The message.</param>
    /// <returns>The message.</returns>
    public static FlashMessage Error(string text) => new("error", text);
}
