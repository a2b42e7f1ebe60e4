using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Integrations.AspNetCore.Admin.Endpoints;

/// <summary>The package's stylesheet and script, served from the assembly under the admin's own path (no CDN, no static files setup).</summary>
internal static class AdminAssets
{
    private static readonly EmbeddedFileProvider Files = new(typeof(AdminAssets).Assembly, "Integrations.AspNetCore.Admin.Assets");

    public static IResult Get(string file)
    {
        var contentType = Path.GetExtension(file) switch
        {
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            _ => null,
        };
        var info = contentType is null ? null : Files.GetFileInfo(file);
        return info is { Exists: true }
            ? TypedResults.Stream(info.CreateReadStream(), contentType, lastModified: info.LastModified, entityTag: new EntityTagHeaderValue($"\"{info.LastModified.ToUnixTimeSeconds()}-{info.Length}\""))
            : TypedResults.NotFound();
    }
}
