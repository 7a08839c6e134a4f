using Microsoft.Playwright;

namespace Answerback.Web.BrowserTests;

/// <summary>Moves focus with Tab only (no clicks, no focus() calls) and acts with the keyboard.</summary>
public sealed class Keyboard(IPage page)
{
    private const int MaxTabs = 80;

    public async Task TabToAsync(ILocator target)
    {
        for (var i = 0; i < MaxTabs; i++)
        {
            if (await IsFocusedAsync(target))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached {target} on {page.Url}");
    }

    public async Task ActivateAsync(ILocator target)
    {
        await TabToAsync(target);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    public async Task TypeIntoAsync(ILocator field, string text)
    {
        await TabToAsync(field);
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>True when <paramref name="target"/> has the keyboard focus.</summary>
    public static Task<bool> IsFocusedAsync(ILocator target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.EvaluateAsync<bool>("e => e === document.activeElement");
    }
}
