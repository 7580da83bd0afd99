using System.Net;
using System.Text.Json;
using Actors.Abstractions.Api;
using Actors.EndToEnd.Tests.Infrastructure;

namespace Actors.EndToEnd.Tests;

/// <summary>Every silo serves the Orleans Dashboard under /dashboard: its page and the JSON it polls.</summary>
public sealed class DashboardTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    [Fact]
    public async Task The_dashboard_page_and_its_json_answer_and_show_the_silo_and_our_grains()
    {
        using var http = new HttpClient { BaseAddress = fixture.Silo.BaseAddress };
        var sample = await fixture.Samples.GenerateAsync(size: 256, seed: 301);
        var scene = await fixture.Silo.Client.PublishAsync(new AcquisitionRequest { ItemHref = sample.ItemPath });
        await fixture.Silo.Client.WaitForSceneAsync(scene.SceneId, TimeSpan.FromMinutes(2));

        using var page = await http.GetAsync("dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<title>Orleans Dashboard</title>", await page.Content.ReadAsStringAsync());

        // The dashboard refreshes its counters every second; wait for our grains to show up in them.
        var counters = await Eventually.GetAsync("the dashboard counters to list the scene grain", TimeSpan.FromSeconds(30), async ct =>
        {
            using var response = await http.GetAsync("dashboard/DashboardCounters", ct);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var grainTypes = json.RootElement.GetProperty("simpleGrainStats").EnumerateArray().Select(g => g.GetProperty("grainType").GetString()).ToList();
            return grainTypes.Contains("Actors.Grains.Scenes.SceneGrain") ? json : null;
        });
        var host = Assert.Single(counters!.RootElement.GetProperty("hosts").EnumerateArray());
        Assert.Equal("Active", host.GetProperty("status").GetString());

        using var reminders = await http.GetAsync("dashboard/Reminders");
        Assert.Equal(HttpStatusCode.OK, reminders.StatusCode);
        // Finished work holds no reminder.
        Assert.Equal(0, JsonDocument.Parse(await reminders.Content.ReadAsStringAsync()).RootElement.GetProperty("count").GetInt32());
    }
}
