package org.example.iggy.line;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.iggyj.protocol.TransportKind;
import org.iggyj.spi.CommandDispatcher;
import org.iggyj.spi.Session;
import org.iggyj.spi.Sessions;

/**
 * One connection: splits the input into lines, runs each through {@link LineCommands} and writes the
 * reply line. Commands are chained, each starting when the previous one has replied, so replies
 * come back in request order (the kernel may complete them on other threads).
 */
final class LineHandler extends ChannelInboundHandlerAdapter {

    private static final int MAX_LINE = 64 * 1024;

    private final CommandDispatcher dispatcher;
    private final Sessions sessions;
    private final StringBuilder line = new StringBuilder();
    private Session session;
    private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

    LineHandler(CommandDispatcher dispatcher, Sessions sessions) {
        this.dispatcher = dispatcher;
        this.sessions = sessions;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // The kernel's session holds the login state; TCP is the closest kind the protocol defines.
        session = sessions.open(TransportKind.TCP, (InetSocketAddress) ctx.channel().remoteAddress());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            sessions.close(session);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            while (in.isReadable()) {
                char c = (char) in.readByte();
                if (c == '\n') {
                    String command = line.toString().strip();
                    line.setLength(0);
                    if (!command.isEmpty()) {
                        run(ctx, command);
                    }
                } else if (line.length() < MAX_LINE) {
                    line.append(c);
                }
            }
        } finally {
            in.release();
        }
    }

    private void run(ChannelHandlerContext ctx, String command) {
        LineCommands commands = new LineCommands(dispatcher, session, ctx.alloc());
        previous = previous.thenCompose(done -> commands.run(command)).handle((reply, error) -> {
            String text = error == null ? reply : "ERR 1 " + error.getMessage();
            ctx.writeAndFlush(ctx.alloc().buffer().writeBytes((text + "\n").getBytes(StandardCharsets.UTF_8)));
            return null;
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
