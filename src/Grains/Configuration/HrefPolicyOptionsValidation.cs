using Actors.Processing.Hrefs;
using Microsoft.Extensions.Options;

namespace Actors.Grains.Configuration;

/// <summary>Checks the <c>Hrefs</c> settings when the silo starts, listing every problem by setting name.</summary>
public sealed class HrefPolicyOptionsValidation : IValidateOptions<HrefPolicyOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, HrefPolicyOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
