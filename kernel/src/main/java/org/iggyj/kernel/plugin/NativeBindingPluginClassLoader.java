package org.iggyj.kernel.plugin;

import java.io.IOException;
import java.io.InputStream;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * PF4J's plugin-first class loader, plus the plugin's own copy of Netty's native-library helper, so
 * a native library a plugin carries in its {@code lib/} (the QUIC plugin's quiche) binds to the
 * plugin's class loader.
 *
 * <p>Why: the JVM ties a JNI library to the class loader of the class that called {@code System.load},
 * and the library's {@code JNI_OnLoad} can only find classes through that loader. Netty loads natives
 * through {@code io.netty.util.internal.NativeLibraryUtil}, which it first looks up through the
 * loader of the classes that need the library; found in the kernel's {@code lib/} (netty-common), it
 * would bind quiche to the application loader, which cannot see the plugin's QUIC classes. Defining
 * that one small class again in this loader (its bytes come from the parent) is what Netty itself
 * attempts with reflection, and binds the library to the plugin. Every other class loads as PF4J
 * decides.
 */
final class NativeBindingPluginClassLoader extends PluginClassLoader {

    static final String NATIVE_LIBRARY_UTIL = "io.netty.util.internal.NativeLibraryUtil";

    NativeBindingPluginClassLoader(PluginManager pluginManager, PluginDescriptor descriptor, ClassLoader parent) {
        super(pluginManager, descriptor, parent);
    }

    @Override
    public Class<?> loadClass(String className) throws ClassNotFoundException {
        if (!NATIVE_LIBRARY_UTIL.equals(className)) {
            return super.loadClass(className);
        }
        synchronized (getClassLoadingLock(className)) {
            Class<?> loaded = findLoadedClass(className);
            if (loaded != null) {
                return loaded;
            }
            String resource = className.replace('.', '/') + ".class";
            try (InputStream in = getParent().getResourceAsStream(resource)) {
                if (in == null) {
                    return super.loadClass(className);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(className, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(className, e);
            }
        }
    }
}
