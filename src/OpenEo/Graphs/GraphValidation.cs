using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Actors.Abstractions;

namespace Actors.OpenEo.Graphs;

/// <summary>
/// One validation of a process: the structure of its graph and of every callback in it, the references between
/// nodes and to parameters, the processes named and the arguments given to them.
/// </summary>
internal sealed partial class GraphValidation(IProcessCatalog catalog, IUserProcessSource? userProcesses)
{
    // Callbacks nest a few levels in real graphs (a reducer inside apply inside ...); deeper is abuse.
    private const int MaxCallbackDepth = 16;

    private readonly ProblemList problems = new();
    private readonly Dictionary<string, JsonObject?> predefined = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject?> userDefined = new(StringComparer.Ordinal);

    /// <summary>The problems of <paramref name="process"/>, an object with <c>process_graph</c> and optional <c>parameters</c>.</summary>
    public IReadOnlyList<GraphProblem> Run(JsonObject process)
    {
        if (!process.TryGetPropertyValue(ArgumentValue.ProcessGraph, out var graph) || graph is null)
        {
            problems.Add(ProblemCodes.ProcessGraphMissing, "The process has no \"process_graph\": send {\"process_graph\": {...}} with the nodes to run.");
            return problems.ToList();
        }

        var parameters = ParameterSchemas(process["parameters"], "The process's \"parameters\"");
        ValidateGraph(graph, ParameterScope.Root(parameters), GraphPlace.Root, expectedReturns: null, enclosingNodes: new HashSet<string>());
        return problems.ToList();
    }

    // A node as far as its structure allowed reading it.
    private sealed record Node(string Id, string? ProcessId, string? Namespace, JsonObject? Arguments)
    {
        public JsonObject? Definition { get; set; }
    }

    private void ValidateGraph(JsonNode? graph, ParameterScope scope, GraphPlace place, JsonNode? expectedReturns, IReadOnlySet<string> enclosingNodes)
    {
        if (scope.Depth > MaxCallbackDepth)
        {
            problems.Add(ProblemCodes.ProcessGraphInvalid, $"{place.Graph} is nested more than {MaxCallbackDepth} callbacks deep.");
            return;
        }

        if (graph is not JsonObject nodeObjects)
        {
            problems.Add(ProblemCodes.ProcessGraphInvalid, $"{place.Graph}: \"process_graph\" must be an object that maps node ids to nodes, not {SchemaTerms.DescribeValue(graph)}.");
            return;
        }

        if (nodeObjects.Count == 0)
        {
            problems.Add(ProblemCodes.ProcessGraphInvalid, $"{place.Graph} is empty: it needs at least one node, the one marked \"result\": true.");
            return;
        }

        var nodes = ReadNodes(nodeObjects, place);
        var dependencies = CheckReferences(nodes, scope, place, enclosingNodes);
        CheckCycles(dependencies, place);
        foreach (var node in nodes.Values) node.Definition = Resolve(node, place);

        var matcher = new ArgumentSchemaMatcher(
            id => nodes.TryGetValue(id, out var node) ? node.Definition?["returns"]?["schema"] : null,
            id => nodes.TryGetValue(id, out var node) ? node.ProcessId : null,
            name => scope.Resolve(name, out var schema) ? schema : null);
        var visible = new HashSet<string>(enclosingNodes, StringComparer.Ordinal);
        visible.UnionWith(nodes.Keys);
        foreach (var node in nodes.Values) CheckArguments(node, matcher, scope, place, visible);

        if (expectedReturns is not null) CheckCallbackResult(nodeObjects, nodes, expectedReturns, place);
    }

    private Dictionary<string, Node> ReadNodes(JsonObject nodeObjects, GraphPlace place)
    {
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        var results = new List<string>();
        foreach (var (id, value) in nodeObjects)
        {
            var name = place.Node(id);
            if (value is not JsonObject node)
            {
                problems.Add(ProblemCodes.ProcessGraphInvalid, $"{name} must be an object with \"process_id\" and \"arguments\", not {SchemaTerms.DescribeValue(value)}.");
                continue;
            }

            var processId = ReadProcessId(node, name);
            var arguments = ReadArguments(node, name);
            if (node.TryGetPropertyValue("result", out var result))
            {
                var kind = SchemaTerms.KindOf(result);
                if (kind == JsonValueKind.True) results.Add(id);
                else if (kind != JsonValueKind.False) problems.Add(ProblemCodes.ProcessGraphInvalid, $"{name}: \"result\" must be true or false.");
            }

            string? ns = null;
            if (node.TryGetPropertyValue("namespace", out var namespaceValue))
            {
                var kind = SchemaTerms.KindOf(namespaceValue);
                if (kind == JsonValueKind.String) ns = namespaceValue!.GetValue<string>();
                else if (kind != JsonValueKind.Null) problems.Add(ProblemCodes.ProcessGraphInvalid, $"{name}: \"namespace\" must be a string or null.");
            }

            if (node.TryGetPropertyValue("description", out var description) && SchemaTerms.KindOf(description) is not (JsonValueKind.String or JsonValueKind.Null))
                problems.Add(ProblemCodes.ProcessGraphInvalid, $"{name}: \"description\" must be a string or null.");

            nodes.Add(id, new Node(id, processId, ns, arguments));
        }

        if (results.Count == 0)
            problems.Add(ProblemCodes.ProcessGraphInvalid, $"{place.Graph} has no result node: mark exactly one node with \"result\": true.");
        else if (results.Count > 1)
            problems.Add(ProblemCodes.ProcessGraphInvalid, $"{place.Graph} has {results.Count} result nodes ({ListIds(results)}): mark exactly one node with \"result\": true.");
        return nodes;
    }

    private string? ReadProcessId(JsonObject node, string name)
    {
        if (!node.TryGetPropertyValue("process_id", out var value))
        {
            problems.Add(ProblemCodes.ProcessGraphInvalid, $"{name} has no \"process_id\".");
            return null;
        }

        if (SchemaTerms.KindOf(value) != JsonValueKind.String)
        {
            problems.Add(ProblemCodes.ProcessGraphInvalid, $"{name}: \"process_id\" must be a string, not {SchemaTerms.DescribeValue(value)}.");
            return null;
        }

        var processId = value!.GetValue<string>();
        if (ProcessIdShape().IsMatch(processId)) return processId;
        problems.Add(ProblemCodes.ProcessGraphInvalid, $"{name}: '{EchoedText.Of(processId)}' is not a process id (letters, digits and '_' only).");
        return null;
    }

    private JsonObject? ReadArguments(JsonObject node, string name)
    {
        if (!node.TryGetPropertyValue("arguments", out var value))
        {
            problems.Add(ProblemCodes.ProcessGraphInvalid, $"{name} has no \"arguments\" (write {{}} when the process takes none).");
            return null;
        }

        if (value is JsonObject arguments) return arguments;
        problems.Add(ProblemCodes.ProcessGraphInvalid, $"{name}: \"arguments\" must be an object, not {SchemaTerms.DescribeValue(value)}.");
        return null;
    }

    // The from_node targets of each node; reports references to nodes or parameters that do not exist.
    private Dictionary<string, HashSet<string>> CheckReferences(Dictionary<string, Node> nodes, ParameterScope scope, GraphPlace place, IReadOnlySet<string> enclosingNodes)
    {
        var dependencies = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var node in nodes.Values)
        {
            var targets = dependencies[node.Id] = new HashSet<string>(StringComparer.Ordinal);
            if (node.Arguments is null) continue;
            foreach (var (argument, value) in node.Arguments)
                CheckReferences(value, node, argument, nodes, scope, place, enclosingNodes, targets, 0);
        }

        return dependencies;
    }

    private void CheckReferences(JsonNode? value, Node node, string argument, Dictionary<string, Node> nodes, ParameterScope scope, GraphPlace place,
        IReadOnlySet<string> enclosingNodes, HashSet<string> targets, int depth)
    {
        // JSON parsing caps depth at 64; a tree built in code could go deeper.
        if (depth > 64) return;
        var where = $"{place.Node(node.Id)}, argument '{EchoedText.Of(argument)}'";
        switch (ArgumentValue.KindOf(value))
        {
            case ArgumentKind.NodeReference:
            {
                var reference = value!.AsObject();
                if (reference.Count != 1) problems.Add(ProblemCodes.ProcessGraphInvalid, $"{where}: a result reference {{\"from_node\": ...}} has no other keys.");
                if (SchemaTerms.KindOf(reference[ArgumentValue.FromNode]) != JsonValueKind.String)
                {
                    problems.Add(ProblemCodes.ProcessGraphInvalid, $"{where}: \"from_node\" must be a node id string.");
                    return;
                }

                var target = reference[ArgumentValue.FromNode]!.GetValue<string>();
                if (nodes.ContainsKey(target)) targets.Add(target);
                else if (enclosingNodes.Contains(target))
                    problems.Add(ProblemCodes.ProcessGraphInvalid,
                        $"{where}: refers to node '{EchoedText.Of(target)}' of an enclosing process graph; a callback may refer only to its own nodes (pass outer values in through \"context\").");
                else problems.Add(ProblemCodes.ProcessGraphInvalid, $"{where}: refers to node '{EchoedText.Of(target)}', which is not in this process graph.");
                return;
            }

            case ArgumentKind.ParameterReference:
            {
                var reference = value!.AsObject();
                if (reference.Count != 1) problems.Add(ProblemCodes.ProcessGraphInvalid, $"{where}: a parameter reference {{\"from_parameter\": ...}} has no other keys.");
                if (SchemaTerms.KindOf(reference[ArgumentValue.FromParameter]) != JsonValueKind.String)
                {
                    problems.Add(ProblemCodes.ProcessGraphInvalid, $"{where}: \"from_parameter\" must be a parameter name string.");
                    return;
                }

                var name = reference[ArgumentValue.FromParameter]!.GetValue<string>();
                if (!scope.Defines(name))
                    problems.Add(ProblemCodes.ProcessGraphInvalid,
                        $"{where}: refers to parameter '{EchoedText.Of(name)}', which neither the process's \"parameters\" nor an enclosing callback defines.");
                return;
            }

            case ArgumentKind.Callback:
                // A callback's references are its own graph's, checked when the callback is.
                return;
        }

        if (value is JsonArray array)
        {
            foreach (var item in array) CheckReferences(item, node, argument, nodes, scope, place, enclosingNodes, targets, depth + 1);
        }
        else if (value is JsonObject o)
        {
            foreach (var (_, item) in o) CheckReferences(item, node, argument, nodes, scope, place, enclosingNodes, targets, depth + 1);
        }
    }

    // Iterative, so a long chain of nodes cannot exhaust the stack.
    private void CheckCycles(Dictionary<string, HashSet<string>> dependencies, GraphPlace place)
    {
        var dependents = dependencies.Keys.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (id, targets) in dependencies)
        {
            foreach (var target in targets) dependents[target].Add(id);
        }

        // Take away nodes whose inputs are all taken (sources first), then nodes nothing left depends on (sinks
        // first): what remains lies on a cycle.
        var remaining = new HashSet<string>(dependencies.Keys, StringComparer.Ordinal);
        Peel(remaining, id => dependencies[id], id => dependents[id]);
        Peel(remaining, id => dependents[id], id => dependencies[id]);
        if (remaining.Count == 0) return;
        problems.Add(ProblemCodes.ProcessGraphInvalid, $"{place.Graph} has a cycle through the nodes {ListIds(remaining.Order(StringComparer.Ordinal))}: a node cannot depend on its own result.");
    }

    // Removes, one after the other, the nodes none of whose blockers remain; removing one unblocks those it blocks.
    private static void Peel(HashSet<string> remaining, Func<string, IEnumerable<string>> blockers, Func<string, IEnumerable<string>> blocks)
    {
        var left = remaining.ToDictionary(id => id, id => blockers(id).Count(remaining.Contains), StringComparer.Ordinal);
        var ready = new Queue<string>(left.Where(entry => entry.Value == 0).Select(entry => entry.Key));
        while (ready.TryDequeue(out var id))
        {
            remaining.Remove(id);
            foreach (var blocked in blocks(id))
            {
                if (remaining.Contains(blocked) && --left[blocked] == 0) ready.Enqueue(blocked);
            }
        }
    }

    private JsonObject? Resolve(Node node, GraphPlace place)
    {
        if (node.ProcessId is null) return null;
        var name = place.Node(node.Id);
        var id = EchoedText.Of(node.ProcessId);
        switch (node.Namespace)
        {
            case null:
                return Predefined(node.ProcessId) ?? UserDefined(node.ProcessId) ?? Unsupported(
                    $"{name}: process '{id}' is not available: it is neither a predefined process of this back-end (GET /processes) nor one of your user-defined processes (GET /process_graphs).");
            case "backend":
                return Predefined(node.ProcessId) ?? Unsupported($"{name}: process '{id}' is not available in namespace 'backend': it is not a predefined process of this back-end (GET /processes).");
            case "user":
                return UserDefined(node.ProcessId) ?? Unsupported($"{name}: process '{id}' is not available in namespace 'user': it is not one of your user-defined processes (GET /process_graphs).");
            default:
                return Unsupported(
                    $"{name}: process '{id}' is not available in namespace '{EchoedText.Of(node.Namespace)}': this back-end has the namespaces 'backend' (predefined processes) and 'user' (your process graphs).");
        }
    }

    private JsonObject? Unsupported(string message)
    {
        problems.Add(ProblemCodes.ProcessUnsupported, message);
        return null;
    }

    private JsonObject? Predefined(string id)
    {
        if (!predefined.TryGetValue(id, out var definition)) predefined[id] = definition = catalog.Find(id);
        return definition;
    }

    private JsonObject? UserDefined(string id)
    {
        if (userProcesses is null) return null;
        if (!userDefined.TryGetValue(id, out var definition)) userDefined[id] = definition = userProcesses.Find(id);
        return definition;
    }

    private void CheckArguments(Node node, ArgumentSchemaMatcher matcher, ParameterScope scope, GraphPlace place, IReadOnlySet<string> visibleNodes)
    {
        if (node.Arguments is null) return;
        var callbacks = new List<CallbackSite>();
        if (node.Definition is null)
        {
            foreach (var (argument, value) in node.Arguments) ArgumentSchemaMatcher.CollectCallbacks(value, argument, callbacks);
            ValidateCallbacks(callbacks, node, scope, place, visibleNodes);
            return;
        }

        var name = place.Node(node.Id);
        var processId = EchoedText.Of(node.ProcessId);
        var parameters = Parameters(node.Definition);
        foreach (var (parameter, declaration) in parameters)
        {
            if (!node.Arguments.ContainsKey(parameter) && IsRequired(declaration))
                problems.Add(ProblemCodes.ProcessParameterRequired, $"{name}: process '{processId}' requires parameter '{EchoedText.Of(parameter)}'.");
        }

        foreach (var (argument, value) in node.Arguments)
        {
            if (!parameters.TryGetValue(argument, out var declaration))
            {
                var known = parameters.Count == 0 ? "it takes no parameters" : $"its parameters are {ListIds(parameters.Keys)}";
                problems.Add(ProblemCodes.ProcessParameterUnsupported, $"{name}: process '{processId}' has no parameter '{EchoedText.Of(argument)}' ({known}).");
                ArgumentSchemaMatcher.CollectCallbacks(value, argument, callbacks);
                continue;
            }

            var found = new List<CallbackSite>();
            if (matcher.Match(value, declaration["schema"], argument, found) is { } mismatch)
            {
                problems.Add(ProblemCodes.ProcessParameterInvalid,
                    $"{name}: the value of parameter '{EchoedText.Of(argument)}' of process '{processId}' is invalid: {mismatch.Reason}.");
                // The callbacks of an ill-typed argument are still checked, without knowing their parameters.
                found.Clear();
                ArgumentSchemaMatcher.CollectCallbacks(value, argument, found);
            }

            callbacks.AddRange(found);
        }

        ValidateCallbacks(callbacks, node, scope, place, visibleNodes);
    }

    private void ValidateCallbacks(List<CallbackSite> callbacks, Node node, ParameterScope scope, GraphPlace place, IReadOnlySet<string> visibleNodes)
    {
        foreach (var site in callbacks)
        {
            var callbackPlace = place.Callback(site.Path, node.Id);
            var declared = ParameterSchemas(site.Callback["parameters"], $"{callbackPlace.Graph}: \"parameters\"");
            ParameterScope inner;
            JsonNode? expectedReturns = null;
            if (site.Schema is null) inner = scope.NestedUnknown();
            else
            {
                var parameters = Parameters(site.Schema).ToDictionary(p => p.Key, p => p.Value["schema"], StringComparer.Ordinal);
                // A callback may declare its parameters itself (a process with metadata); those the process passes
                // keep the process's schema.
                foreach (var (name, schema) in declared) parameters.TryAdd(name, schema);
                inner = scope.Nested(parameters);
                expectedReturns = site.Schema["returns"]?["schema"];
            }

            ValidateGraph(site.Callback[ArgumentValue.ProcessGraph], inner, callbackPlace, expectedReturns, visibleNodes);
        }
    }

    // The result of a callback must be able to be what the callback is declared to return.
    private void CheckCallbackResult(JsonObject nodeObjects, Dictionary<string, Node> nodes, JsonNode expectedReturns, GraphPlace place)
    {
        var results = nodeObjects.Where(entry => entry.Value is JsonObject node && SchemaTerms.KindOf(node["result"]) == JsonValueKind.True).Select(entry => entry.Key).ToList();
        if (results.Count != 1 || !nodes.TryGetValue(results[0], out var result) || result.Definition is null) return;
        var returns = result.Definition["returns"]?["schema"];
        if (ReturnCompatibility.CanFit(returns, expectedReturns)) return;
        problems.Add(ProblemCodes.ProcessParameterInvalid,
            $"{place.Node(result.Id)}: the callback must return {SchemaTerms.Describe(expectedReturns)}, but its result node's process '{EchoedText.Of(result.ProcessId)}' returns {SchemaTerms.Describe(returns)}.");
    }

    // The parameter declarations of a process or callback schema by name; malformed entries are skipped (a stored
    // user-defined process is checked when it is stored, a predefined one is trusted).
    private static Dictionary<string, JsonObject> Parameters(JsonObject definition)
    {
        var parameters = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        if (definition["parameters"] is not JsonArray declarations) return parameters;
        foreach (var declaration in declarations.OfType<JsonObject>())
        {
            if (SchemaTerms.Text(declaration, "name") is { } name) parameters.TryAdd(name, declaration);
        }

        return parameters;
    }

    // openEO: a parameter is optional when it says so, and back-ends should not fail when it has a default but no flag.
    private static bool IsRequired(JsonObject declaration) =>
        SchemaTerms.KindOf(declaration["optional"]) != JsonValueKind.True && !declaration.ContainsKey("default");

    // The schemas of a process's (or callback's) own "parameters" by name (null: any value); reports a malformed list.
    private Dictionary<string, JsonNode?> ParameterSchemas(JsonNode? parameters, string what)
    {
        var schemas = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (parameters is null) return schemas;
        if (parameters is not JsonArray declarations)
        {
            problems.Add(ProblemCodes.ProcessGraphInvalid, $"{what} must be an array of parameter objects, not {SchemaTerms.DescribeValue(parameters)}.");
            return schemas;
        }

        for (var i = 0; i < declarations.Count; i++)
        {
            if (declarations[i] is JsonObject declaration && SchemaTerms.Text(declaration, "name") is { } name) schemas.TryAdd(name, declaration["schema"]);
            else problems.Add(ProblemCodes.ProcessGraphInvalid, $"{what}: element {i} is not a parameter object with a \"name\".");
        }

        return schemas;
    }

    private static string ListIds(IEnumerable<string> ids)
    {
        const int shown = 8;
        var list = ids.ToList();
        var named = string.Join(", ", list.Take(shown).Select(id => $"'{EchoedText.Of(id)}'"));
        return list.Count > shown ? $"{named} and {list.Count - shown} more" : named;
    }

    [GeneratedRegex(@"^\w+$", RegexOptions.ECMAScript)]
    private static partial Regex ProcessIdShape();
}
