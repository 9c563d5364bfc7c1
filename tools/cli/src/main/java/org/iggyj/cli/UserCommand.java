package org.iggyj.cli;

import java.util.Map;
import java.util.TreeMap;
import org.iggyj.protocol.CommandCode;
import org.iggyj.protocol.request.ChangePassword;
import org.iggyj.protocol.request.CreateUser;
import org.iggyj.protocol.request.UpdatePermissions;
import org.iggyj.protocol.request.UpdateUser;
import org.iggyj.protocol.request.UserRef;
import org.iggyj.protocol.wire.Permissions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code iggy user list|get|create|update|delete|password|permissions}. */
@Command(name = "user", description = "Manage users and their permissions.", mixinStandardHelpOptions = true)
final class UserCommand extends CliCommand {

    /** Global permission flags, as {@code --permission NAME} (repeatable). */
    enum Right { manage_servers, read_servers, manage_users, read_users, manage_streams, read_streams,
        manage_topics, read_topics, poll_messages, send_messages, all }

    static Permissions permissions(Right[] rights) {
        if (rights == null || rights.length == 0) {
            return null;
        }
        java.util.Set<Right> set = java.util.EnumSet.noneOf(Right.class);
        set.addAll(java.util.List.of(rights));
        if (set.contains(Right.all)) {
            return Permissions.all();
        }
        return new Permissions(set.contains(Right.manage_servers), set.contains(Right.read_servers),
                set.contains(Right.manage_users), set.contains(Right.read_users), set.contains(Right.manage_streams),
                set.contains(Right.read_streams), set.contains(Right.manage_topics), set.contains(Right.read_topics),
                set.contains(Right.poll_messages), set.contains(Right.send_messages), new TreeMap<>());
    }

    @Command(name = "list", description = "List users.")
    int list() {
        output().rows(Replies.users(connection().request(CommandCode.GET_USERS, b -> { }), false),
                "id", "username", "status", "created_at");
        return 0;
    }

    @Command(name = "get", description = "Show a user and their permissions.")
    int get(@Parameters(paramLabel = "USER") String user) {
        output().record(Replies.users(connection().request(CommandCode.GET_USER, new UserRef(id(user))::encode), true)
                .get(0));
        return 0;
    }

    @Command(name = "create", description = "Create a user; prints its id.")
    int create(@Parameters(paramLabel = "USERNAME") String username, @Parameters(paramLabel = "PASSWORD") String password,
               @Option(names = "--inactive") boolean inactive,
               @Option(names = "--permission", paramLabel = "RIGHT",
                       description = "Global right (repeatable): ${COMPLETION-CANDIDATES}") Right[] rights) {
        CreateUser create = new CreateUser(username, password, inactive ? 2 : 1, permissions(rights));
        Map<String, Object> created = Replies.users(connection().request(CommandCode.CREATE_USER, create::encode), true)
                .get(0);
        output().message("user '" + username + "' created with id " + created.get("id"), created);
        return 0;
    }

    @Command(name = "update", description = "Rename a user or change their status.")
    int update(@Parameters(paramLabel = "USER") String user,
               @Option(names = "--new-username") String username,
               @Option(names = "--status", description = "active or inactive") String status) {
        int code = status == null ? 0 : "active".equalsIgnoreCase(status) ? 1 : 2;
        return perform(CommandCode.UPDATE_USER, new UpdateUser(id(user), username, code)::encode,
                "user " + user + " updated");
    }

    @Command(name = "delete", description = "Delete a user.")
    int delete(@Parameters(paramLabel = "USER") String user) {
        return perform(CommandCode.DELETE_USER, new UserRef(id(user))::encode, "user " + user + " deleted");
    }

    @Command(name = "password", description = "Change a user's password.")
    int password(@Parameters(paramLabel = "USER") String user, @Parameters(paramLabel = "CURRENT") String current,
                 @Parameters(paramLabel = "NEW") String next) {
        return perform(CommandCode.CHANGE_PASSWORD, new ChangePassword(id(user), current, next)::encode,
                "password of " + user + " changed");
    }

    @Command(name = "permissions", description = "Replace a user's global permissions (none when no --permission).")
    int permissions(@Parameters(paramLabel = "USER") String user,
                    @Option(names = "--permission", paramLabel = "RIGHT") Right[] rights) {
        return perform(CommandCode.UPDATE_PERMISSIONS, new UpdatePermissions(id(user), permissions(rights))::encode,
                "permissions of " + user + " updated");
    }
}
