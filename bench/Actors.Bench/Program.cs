using Actors.Bench;
using Actors.Bench.Events;

return args is ["events", .. var eventArgs] ? await EventsCommand.RunAsync(eventArgs) : await BenchCommand.RunAsync(args);
