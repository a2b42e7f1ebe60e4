namespace Integrations.Storage.EfCore;

/// <summary>
/// The start check of the EF Core stores: the host registered <typeparamref name="TContext"/> (<c>AddDbContext</c>,
/// <c>AddDbContextPool</c>), without which every store call, so every signed request, would fail.
/// </summary>
/// <typeparam name="TContext">The host's context type.</typeparam>
internal sealed class ContextRegistered<TContext>
{
    public static string Missing =>
        $"The integrations stores use {typeof(TContext).Name}, which is not registered: add it with services.AddDbContext<{typeof(TContext).Name}>(…) or AddDbContextPool<{typeof(TContext).Name}>(…).";
}
