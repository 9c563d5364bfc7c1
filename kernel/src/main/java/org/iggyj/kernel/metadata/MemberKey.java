package org.iggyj.kernel.metadata;

/**
 * Who a consumer group member is, independent of any node's sessions: the node that owns the
 * member's connection, that node process's random instance id, and the connection's serial within
 * that process. Replicated membership (clustering) carries the key in its entries, so every node
 * holds the same member list, while only the owning process binds the member to a live session.
 *
 * @param node     the owning node's name; empty on a single node
 * @param instance the owning process's instance id (new at every start)
 * @param session  the connection's serial within that process ({@code ClientSession#serial})
 */
public record MemberKey(String node, long instance, long session) {

    /**
     * @param node     a node name
     * @param instance an instance id
     * @return whether this member belongs to that node process
     */
    public boolean ownedBy(String node, long instance) {
        return this.instance == instance && this.node.equals(node);
    }
}
