using System.CommandLine;
using System.Globalization;
using Actors.Abstractions.Api;
using Actors.Abstractions.Feeds;
using Actors.Abstractions.Geometry;
using Actors.Cli.Output;
using Actors.Cli.Parsing;

namespace Actors.Cli.Commands;

/// <summary>
/// <c>eoctl subscriptions add|list|show|pause|resume|delete</c>: feed subscriptions that poll an external STAC API
/// and publish each new item as an acquisition.
/// </summary>
public static class SubscriptionsCommand
{
    /// <summary>Builds the command and its subcommands.</summary>
    public static Command Create(GlobalOptions global) => new("subscriptions", "Manage feed subscriptions: poll an external STAC API and publish each new item once")
    {
        Add(global),
        List(global),
        Single(global, "show", "Show a subscription's definition and polling status", (c, id, ct) => c.GetSubscriptionAsync(id, ct)),
        Single(global, "pause", "Pause a subscription: no polls until resumed; its cursor is kept", (c, id, ct) => c.PauseSubscriptionAsync(id, ct)),
        Single(global, "resume", "Resume a subscription: it polls at once, then on its period", (c, id, ct) => c.ResumeSubscriptionAsync(id, ct)),
        Delete(global),
    };

    private static Command Add(GlobalOptions global)
    {
        var id = new Argument<string>("ID") { Description = "Subscription id: 1-64 lowercase letters, digits, '.', '_' or '-'" };
        var source = new Option<string>("--source") { Description = "The STAC API's root URL (searches go to URL/search)", HelpName = "URL", Required = true };
        var collections = new Option<string[]>("--collections")
        {
            Description = "Comma-separated collections to search (default: all)",
            HelpName = "a,b",
            CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray(),
        };
        var bbox = new Option<string?>("--bbox") { Description = "Search box in WGS84 degrees (default: anywhere)", HelpName = "w,s,e,n" };
        var start = new Option<string?>("--start") { Description = "Items acquired at or after this RFC 3339 instant", HelpName = "TIME" };
        var end = new Option<string?>("--end") { Description = "Items acquired at or before this RFC 3339 instant", HelpName = "TIME" };
        var filter = new Option<string?>("--filter") { Description = "CQL2 text filter the source applies, e.g. \"eo:cloud_cover < 20\"", HelpName = "CQL2" };
        var products = new Option<string[]>("--products")
        {
            Description = "Comma-separated products to make of each item",
            HelpName = "water-bodies,ndvi",
            CustomParser = CliParsers.ProductList,
        };
        var aoi = new Option<string?>("--aoi") { Description = "Area of interest of the acquisitions (default: the whole scene)", HelpName = "w,s,e,n" };
        var period = new Option<string?>("--period") { Description = "Time between polls: 30s, 5m, 2h, 1d or hh:mm:ss (default 5m)", HelpName = "PERIOD" };
        var json = new Option<bool>("--json") { Description = "Print the status as JSON" };

        var command = new Command("add", "Create a subscription; it polls at once and then on its period")
        {
            id, source, collections, bbox, start, end, filter, products, aoi, period, json,
        };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(global.ServerOf(parseResult), async () =>
        {
            var request = new SubscriptionRequest
            {
                Id = parseResult.GetRequiredValue(id),
                Source = parseResult.GetRequiredValue(source),
                Collections = parseResult.GetValue(collections),
                Bbox = Box("--bbox", parseResult.GetValue(bbox)),
                Start = parseResult.GetValue(start),
                End = parseResult.GetValue(end),
                Filter = parseResult.GetValue(filter),
                Products = parseResult.GetValue(products),
                Aoi = Box("--aoi", parseResult.GetValue(aoi)),
                Period = parseResult.GetValue(period),
            };
            using var client = global.CreateClient(parseResult);
            var status = await client.CreateSubscriptionAsync(request, cancellationToken);
            Write(status, parseResult.GetValue(json));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command List(GlobalOptions global)
    {
        var json = new Option<bool>("--json") { Description = "Print the subscriptions as JSON" };
        var command = new Command("list", "List the subscriptions with their state and counts") { json };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(global.ServerOf(parseResult), async () =>
        {
            using var client = global.CreateClient(parseResult);
            var subscriptions = await client.ListSubscriptionsAsync(cancellationToken);
            if (parseResult.GetValue(json))
            {
                JsonOutput.Write(Console.Out, subscriptions);
                return ExitCodes.Success;
            }
            var table = new TextTable("ID", "STATE", "PERIOD", "LAST POLL", "SEEN", "PUBLISHED", "FAILURES", "SOURCE");
            foreach (var s in subscriptions)
                table.Add(s.Id, s.State, s.Definition.Period.ToString("c", CultureInfo.InvariantCulture), Time(s.LastPollAt),
                    s.ItemsSeen.ToString(CultureInfo.InvariantCulture), s.ItemsPublished.ToString(CultureInfo.InvariantCulture),
                    s.ConsecutiveFailures.ToString(CultureInfo.InvariantCulture), s.Definition.SourceUrl);
            table.WriteTo(Console.Out);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Single(GlobalOptions global, string name, string description,
        Func<Client.SiloClient, string, CancellationToken, Task<FeedSubscriptionStatus>> call)
    {
        var id = new Argument<string>("ID") { Description = "Subscription id" };
        var json = new Option<bool>("--json") { Description = "Print the status as JSON" };
        var command = new Command(name, description) { id, json };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(global.ServerOf(parseResult), async () =>
        {
            using var client = global.CreateClient(parseResult);
            Write(await call(client, parseResult.GetRequiredValue(id), cancellationToken), parseResult.GetValue(json));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Delete(GlobalOptions global)
    {
        var id = new Argument<string>("ID") { Description = "Subscription id" };
        var command = new Command("delete", "Delete a subscription: polling stops and its state is forgotten") { id };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(global.ServerOf(parseResult), async () =>
        {
            using var client = global.CreateClient(parseResult);
            var subscription = parseResult.GetRequiredValue(id);
            await client.DeleteSubscriptionAsync(subscription, cancellationToken);
            Console.Error.WriteLine($"deleted: subscription {subscription}");
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static double[]? Box(string option, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return Bbox.Parse(text).ToArray();
        }
        catch (FormatException e)
        {
            throw new UserInputException($"{option}: {e.Message}");
        }
    }

    private static void Write(FeedSubscriptionStatus s, bool json)
    {
        if (json)
        {
            JsonOutput.Write(Console.Out, s);
            return;
        }
        var d = s.Definition;
        var o = Console.Out;
        o.WriteLine($"Subscription  {s.Id}");
        o.WriteLine($"State         {s.State}");
        o.WriteLine($"Source        {d.SourceUrl}");
        o.WriteLine($"Collections   {(d.Collections is { Count: > 0 } c ? string.Join(",", c) : "(all)")}");
        o.WriteLine($"Bbox          {(d.Bbox is { } b ? string.Join(",", b.Select(v => v.ToString(CultureInfo.InvariantCulture))) : "(anywhere)")}");
        o.WriteLine($"Datetime      {Time(d.Start, "..")}/{Time(d.End, "..")}");
        o.WriteLine($"Filter        {d.Filter ?? "(none)"}");
        o.WriteLine($"Products      {string.Join(",", d.Products)}");
        o.WriteLine($"AOI           {(d.Aoi is { } a ? string.Join(",", a.Select(v => v.ToString(CultureInfo.InvariantCulture))) : "(whole scene)")}");
        o.WriteLine($"Period        {d.Period.ToString("c", CultureInfo.InvariantCulture)}");
        o.WriteLine($"Last poll     {Time(s.LastPollAt)}");
        o.WriteLine($"Last success  {Time(s.LastSuccessAt)}");
        o.WriteLine($"Next poll     {Time(s.NextPollAt)}");
        o.WriteLine($"Cursor        {Time(s.Cursor)}");
        o.WriteLine($"Items         {s.ItemsSeen} seen, {s.ItemsPublished} published, {s.ItemsRejected} rejected");
        o.WriteLine($"Failures      {s.ConsecutiveFailures} in a row");
        if (s.LastError is not null) o.WriteLine($"Last error    {Time(s.LastErrorAt)}: {s.LastError}");
    }

    private static string Time(DateTimeOffset? instant, string none = "-") =>
        instant is { } t ? FeedSubscriptionRules.Format(t) : none;
}
