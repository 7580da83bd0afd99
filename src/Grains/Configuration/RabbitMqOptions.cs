namespace Actors.Grains.Configuration;

/// <summary>RabbitMQ settings (section <c>RabbitMq</c>); the broker address is <c>ConnectionStrings:RabbitMq</c> (<c>amqp://user:password@host:port/vhost</c>).</summary>
public sealed class RabbitMqOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "RabbitMq";

    /// <summary>
    /// Unacknowledged messages a silo takes per grain queue: the back-pressure knob. 0 takes as many as
    /// the grain kind runs at once, so a busy silo leaves waiting work to idle silos.
    /// </summary>
    public int Prefetch { get; set; }

    /// <summary>Declare grain queues as replicated quorum queues (durable, poison-message aware).</summary>
    public bool QuorumQueues { get; set; } = true;
}
