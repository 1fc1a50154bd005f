namespace Sec.ServiceTests;

/// <summary>
/// What the per-context test drivers share: the suite, and putting modifications in the register
/// until the context has heard of them from its events.
/// </summary>
public abstract class ContextDriver<TDriver>(SuiteFactory suite, Google.Type.Date importedOn) where TDriver : ContextDriver<TDriver>
{
    protected SuiteFactory Suite => suite;

    /// <summary>Answers once the context knows the modification; refused until then.</summary>
    protected abstract Task<IMessage> GetKnownAsync(ModificationReference reference);

    /// <summary>Puts modifications in the register and waits until the context has heard of them; returns the driver for the test to go on with.</summary>
    public async Task<TDriver> KnowAsync(params string[] references)
    {
        var register = new Register(suite);
        foreach (var reference in references)
            await register.ImportAsync(reference, $"{reference} title", importedOn);
        foreach (var reference in references)
            await Eventually.GetAsync(() => GetKnownAsync(Register.Ref(reference)));
        return (TDriver)this;
    }
}
