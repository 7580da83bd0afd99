using Actors.Bench;
using Actors.Bench.Catalog;
using Actors.Bench.Events;
using Actors.Bench.OpenEo;
using Actors.Bench.Streams;

return args switch
{
    ["events", .. var rest] => await EventsCommand.RunAsync(rest),
    ["streams", .. var rest] => await StreamsCommand.RunAsync(rest),
    ["catalog", .. var rest] => await CatalogCommand.RunAsync(rest),
    ["openeo", .. var rest] => await OpenEoCommand.RunAsync(rest),
    _ => await BenchCommand.RunAsync(args),
};
