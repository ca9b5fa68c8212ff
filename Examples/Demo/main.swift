import Roost

print("demo")
