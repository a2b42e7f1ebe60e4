// API requests per second of a running shop while its sign-in form is flooded with wrong passwords (each under a new
// name, so every attempt costs a PBKDF2 hash and none is stopped by the lockout). Start the shop with guest access on
// and the sign-in rate limit lifted, then:  dotnet run benchmarks/ShopLoginFlood/ShopLoginFlood.cs -- <shop url> <seconds> <flooders>
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

var shop = new Uri(args[0]);
var seconds = int.Parse(args[1], CultureInfo.InvariantCulture);
var flooders = int.Parse(args[2], CultureInfo.InvariantCulture);
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
long apiCalls = 0, apiErrors = 0, signIns = 0;
using var api = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseCookies = false }) { BaseAddress = shop };

var callers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
{
    while (!stop.IsCancellationRequested)
    {
        try
        {
            using var response = await api.GetAsync(new Uri("/rest/V1/products", UriKind.Relative), stop.Token);
            Interlocked.Increment(ref response.IsSuccessStatusCode ? ref apiCalls : ref apiErrors);
        }
        catch (OperationCanceledException)
        {
        }
    }
}));
var flood = Enumerable.Range(0, flooders).Select(_ => Task.Run(async () =>
{
    using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = shop };
    var page = await client.GetStringAsync(new Uri("/admin/login", UriKind.Relative));
    var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
    while (!stop.IsCancellationRequested)
    {
        try
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["username"] = "mallory" + Interlocked.Increment(ref signIns).ToString(CultureInfo.InvariantCulture),
                ["password"] = "guess",
            });
            using var response = await client.PostAsync(new Uri("/admin/login", UriKind.Relative), form, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }
}));
await Task.WhenAll(callers.Concat(flood));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"flooders={flooders} api_rps={apiCalls / (double)seconds:F0} api_errors={apiErrors} sign_in_posts_per_s={signIns / (double)seconds:F1}"));
