fun main() {
    println("Hello from Runbox in Kotlin ${KotlinVersion.CURRENT}")
}
