using System.Net;
using System.Net.Sockets;
using System.Text;
using Integrations.Activation;
using Integrations.Handshake.Tests.Support;

namespace Integrations.Handshake.Tests.Activation;

/// <summary>What a callback server answers reaches the log and the admin only escaped.</summary>
public sealed class CallbackLogTests : FixtureTests
{
    [Fact]
    public async Task A_callback_answering_a_header_line_with_control_characters_does_not_write_them_to_the_log_or_the_admins_message()
    {
        // the third party's server answers an invalid header line holding an ANSI escape and a carriage return: .NET's
        // HttpRequestException names the line as received ("Received an invalid header line: '...'"), and the
        // poster puts that message in event 5001 and in the error the admin sees (its reason phrase is escaped, this not)
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new byte[8192];
            _ = await stream.ReadAsync(buffer);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nno colon \u001b[2J\u001b[31mforged\rline\r\n\r\n"));
            await stream.FlushAsync();
            await Task.Delay(500);
        });
        var created = await Fixture.CreateAsync(new Uri($"http://127.0.0.1:{port}/callback"));

        var act = () => Fixture.ActivateAsync(created.Id);

        var error = (await act.Should().ThrowAsync<CallbackPostException>()).Which;
        await server;
        error.Failure.Should().Be(CallbackFailure.Transport);
        error.Message.Should().NotContain("\u001b").And.NotContain("\r", "the admin's page shows the message");
        Fixture.Logs.Entries.Where(e => e.EventId == 5001).Should().ContainSingle()
            .Which.Message.Should().NotContain("\u001b", "a third party's text reaches the log escaped, as its reason phrase does").And.NotContain("\r");
    }
}
