using Microsoft.Extensions.Localization;

[assembly: ResourceLocation("Resources")]
[assembly: RootNamespace("Integrations.AspNetCore.Admin")]

namespace Integrations.AspNetCore.Admin;

/// <summary>
/// The texts of the admin pages, for <c>IStringLocalizer&lt;AdminText&gt;</c>: the keys are the English texts
/// (Magento's), translated in <c>Resources/AdminText.{nl,sv,fr}.resx</c>. The pages follow the request's UI
/// culture (the host's request localization); messages from the library that have a translation are shown in it.
/// </summary>
public sealed class AdminText
{
    private AdminText()
    {
    }
}
