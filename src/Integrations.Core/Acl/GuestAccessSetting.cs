using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging;

namespace Integrations.Acl;

/// <summary>
/// The default <see cref="IGuestAccessSetting"/>: an in-memory switch that starts from
/// <see cref="ResourceAclOptions.AllowAnonymousGuestAccess"/> (off by default). An admin page turns it on or off at
/// runtime through <see cref="IsEnabled"/>; a reloaded configuration that changes the option switches it too. The
/// latest change wins; the next decision sees it. Resolve it as <c>GuestAccessSetting</c> to switch it.
/// </summary>
public sealed class GuestAccessSetting : IGuestAccessSetting, IDisposable
{
    private readonly Lock _gate = new();
    private readonly IDisposable? _subscription;
    private readonly ILogger<GuestAccessSetting> _logger;
    private bool _configured;
    private volatile bool _enabled;

    /// <summary>Creates the switch.</summary>
    /// <param name="options">The ACL options: their start value and later changes.</param>
    /// <param name="logger">The logger.</param>
    public GuestAccessSetting(IOptionsMonitor<ResourceAclOptions> options, ILogger<GuestAccessSetting> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _configured = options.CurrentValue.AllowAnonymousGuestAccess;
        _enabled = _configured;
        _subscription = options.OnChange(OnOptionsChanged);
    }

    /// <summary>Whether anonymous callers may use guest-eligible resources; set it to switch guest access at runtime.</summary>
    public bool IsEnabled
    {
        get => _enabled;
        set
        {
            lock (_gate)
            {
                if (_enabled == value)
                {
                    return;
                }

                _enabled = value;
            }

            _logger.GuestAccessSwitched(value ? "on" : "off");
        }
    }

    /// <summary>Stops following option changes.</summary>
    public void Dispose() => _subscription?.Dispose();

    private void OnOptionsChanged(ResourceAclOptions options, string? name)
    {
        if (name is not null && name != Options.DefaultName)
        {
            return;
        }

        lock (_gate)
        {
            // Only a change of the configured value switches: an unrelated configuration reload keeps a runtime choice.
            if (options.AllowAnonymousGuestAccess == _configured)
            {
                return;
            }

            _configured = options.AllowAnonymousGuestAccess;
        }

        IsEnabled = options.AllowAnonymousGuestAccess;
    }
}
